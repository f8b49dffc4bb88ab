import type { FieldType, ObjectType } from './servicestack/dto-types.ts'
import { BillingModel, Product, ProductResponse } from './servicestack/dto.ts'

// spec/porta.md §9 `GET /types/typescript`: self-contained TypeScript for @servicestack/client —
// `IReturn<T>`, `BillingModel` as a string enum, one class per §2 type (optional properties in
// declared order, a constructor assigning a partial init object); `Product` implements
// `IReturn<ProductResponse>` with getTypeName, getMethod and createResponse.

function tsType(t: FieldType): string {
  if (t === 'int' || t === 'decimal') return 'number'
  if (t === 'bool') return 'boolean'
  if (t === 'string' || t === 'datetime') return 'string'
  if (t.kind === 'enum') return t.name
  if (t.kind === 'list') return `${tsType(t.item)}[]`
  return t.name
}

/** The object types reachable from `roots`, dependencies first, each once. */
function objectTypes(roots: ObjectType[]): ObjectType[] {
  const out: ObjectType[] = []
  const visit = (t: FieldType) => {
    if (typeof t !== 'object') return
    if (t.kind === 'list') return visit(t.item)
    if (t.kind !== 'object' || out.some((o) => o.name === t.name)) return
    for (const f of t.fields) visit(f.type)
    out.push(t)
  }
  roots.forEach(visit)
  return out
}

function classOf(t: ObjectType): string {
  const isRequest = t === Product
  const props = t.fields.map((f) => `    public ${f.name}?: ${tsType(f.type)};`).join('\n')
  const head = isRequest ? `export class ${t.name} implements IReturn<ProductResponse>` : `export class ${t.name}`
  const extra = isRequest
    ? `\n    public getTypeName() { return 'Product'; }\n    public getMethod() { return 'POST'; }\n    public createResponse() { return new ProductResponse(); }`
    : ''
  return `${head}\n{\n${props}\n\n    public constructor(init?: Partial<${t.name}>) { Object.assign(this, init); }${extra}\n}\n`
}

/** The TypeScript declarations of the Porta DTOs. */
export function typescriptTypes(baseUrl: string): string {
  const members = Object.keys(BillingModel.members).map((m) => `    ${m} = '${m}',`).join('\n')
  return [
    '/* Options:',
    `BaseUrl: ${baseUrl}`,
    '*/',
    '',
    'export interface IReturn<T>\n{\n    createResponse(): T;\n}\n',
    `export enum BillingModel\n{\n${members}\n}\n`,
    ...objectTypes([ProductResponse, Product]).map(classOf),
  ].join('\n')
}
