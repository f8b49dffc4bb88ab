import { updateMemberProfile } from '../member-profile.ts'
import { transaction } from '../transaction.ts'

/** 1201 UpdateMemberProfile (spec/packetera.md §6): first and/or last name (the code upstream lists; 1202 is the same). */
export const updateMemberProfile1201 = transaction({
  code: '1201', name: 'UpdateMemberProfile',
  what: 'first and/or last name (the code upstream lists; 1202 is the same)',
  auth: 'member',
  run: updateMemberProfile,
})
