import {
  addButton, changeTemplate, deleteButton, setButtonAttribute, setTeleformAttribute, templateById, templateByName, updateButton,
} from '../../../core/click-to-call/index.ts'
import { failures } from '../errors.ts'
import { guidField, optionalField, phoneField, plainText, requiredField } from '../fields.ts'
import type { PacketeraInput } from '../request.ts'
import { memberScope, type Transaction } from './transaction.ts'

/** 3101 AddNewWebButton: both fields optional (name `Web Button`, the default phone). */
export const addNewWebButton: Transaction = {
  name: 'AddNewWebButton',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const name = plainText('ButtonName', optionalField(ctx.input, 'ButtonName', 20))
    const phone = phoneField(ctx.input, 'PhoneNumber', false)
    const b = await addButton(ctx.core, actor, customerId, { name, phone })
    return [['ButtonGUID', b.guid]]
  },
}

/** 3202 UpdateWebButton: new name and/or phone (one of the member's). */
export const updateWebButton: Transaction = {
  name: 'UpdateWebButton',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const guid = guidField(ctx.input, 'ButtonGUID')
    const phone = phoneField(ctx.input, 'PhoneNumber', false)
    const name = plainText('ButtonName', optionalField(ctx.input, 'ButtonName', 20))
    const b = await updateButton(ctx.core, actor, customerId, guid, { name, phone })
    return [['ButtonGUID', b.guid], ['ButtonName', b.name], ['PhoneNumber', b.phoneNumber]]
  },
}

function attributeFields(input: PacketeraInput): { guid: string; name: string; value: string | null } {
  const guid = guidField(input, 'ButtonGUID')
  const name = requiredField(input, 'AttributeName', 20)
  const value = plainText('AttributeValue', optionalField(input, 'AttributeValue', 100)) ?? null
  return { guid, name, value }
}

/** 3210 UpdateWebButtonAttribute: Type, URL, LinkText, ToolTips; echoes the stored value. */
export const updateWebButtonAttribute: Transaction = {
  name: 'UpdateWebButtonAttribute',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const f = attributeFields(ctx.input)
    const set = await setButtonAttribute(ctx.core, actor, customerId, f.guid, f.name, f.value)
    return [['ButtonGUID', f.guid], ['AttributeName', set.name], ['AttributeValue', set.value]]
  },
}

/** 3404 DeleteWebButton: the default button cannot be deleted (1010). */
export const deleteWebButton: Transaction = {
  name: 'DeleteWebButton',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const guid = await deleteButton(ctx.core, actor, customerId, guidField(ctx.input, 'ButtonGUID'))
    return [['ButtonGUID', guid]]
  },
}

/** 5203 ChangeTemplate (also 5202 without AttributeName but with TemplateID or TemplateName). */
export const changeTemplateTx: Transaction = {
  name: 'ChangeTemplate',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const guid = guidField(ctx.input, 'ButtonGUID')
    const id = optionalField(ctx.input, 'TemplateID', 20)
    const name = optionalField(ctx.input, 'TemplateName', 20)
    if (id === undefined && name === undefined) throw failures.missing('TemplateName')
    if (id !== undefined && !/^[0-9]+$/.test(id)) throw failures.invalid('TemplateID')
    const byId = id === undefined ? undefined : templateById(Number(id))
    const byName = name === undefined ? undefined : templateByName(name)
    if (id !== undefined && name !== undefined && byId !== byName) throw failures.invalid('TemplateName')
    const template = byId ?? byName
    if (!template) throw failures.templateNotFound()
    await changeTemplate(ctx.core, actor, customerId, guid, template.id)
    return [['ButtonGUID', guid], ['TemplateID', String(template.id)], ['TemplateName', template.name]]
  },
}

/** 5202 UpdateTeleformAttribute: width, height, headerimage, footerimage, backgroundcolour. */
export const updateTeleformAttribute: Transaction = {
  name: 'UpdateTeleformAttribute',
  auth: 'member',
  async run(ctx) {
    const { input } = ctx
    if (input.get('AttributeName') === undefined && (input.get('TemplateID') !== undefined || input.get('TemplateName') !== undefined)) {
      return changeTemplateTx.run(ctx)
    }
    const { actor, customerId } = memberScope(ctx)
    const f = attributeFields(input)
    const set = await setTeleformAttribute(ctx.core, actor, customerId, f.guid, f.name, f.value)
    return [['ButtonGUID', f.guid], ['AttributeName', set.name], ['AttributeValue', set.value]]
  },
}
