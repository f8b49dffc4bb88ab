import { updateMemberProfile } from '../member-profile.ts'
import { transaction } from '../transaction.ts'

/** 1202 UpdateMemberProfile (spec/packetera.md §6): first and/or last name (the code upstream's sample uses; 1201 is the same). */
export const updateMemberProfile1202 = transaction({
  code: '1202', name: 'UpdateMemberProfile',
  what: 'first and/or last name (the code upstream\'s sample uses; 1201 is the same)',
  auth: 'member',
  run: updateMemberProfile,
})
