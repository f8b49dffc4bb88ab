import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { writeCsv } from '../../../../src/dialects/porta/servicestack/csv.ts'
import { ProductResponse } from '../../../../src/dialects/porta/servicestack/dto.ts'
import { writeXml, writeXmlError } from '../../../../src/dialects/porta/servicestack/xml.ts'

describe('XML writer (spec/porta.md §7.4)', () => {
  test('inherited members first, then own members ordinally; nulls are i:nil; nested members ordinally', () => {
    const xml = writeXml({ PortaProducts: [{ IProduct: 7, Name: 'Gold & <Co>', MaintanenceFee: 9.99 }], NumberOfAccounts: 2 }, ProductResponse)
    assert.equal(xml, '<?xml version="1.0" encoding="utf-8"?><ProductResponse xmlns="http://schemas.datacontract.org/2004/07/PortaPlus2.API.Web.Dto" '
      + 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ContentId>0</ContentId><FeatureName i:nil="true"/><License i:nil="true"/>'
      + '<AccountInfo i:nil="true"/><Accounts i:nil="true"/><NumberOfAccounts>2</NumberOfAccounts><PortaProductInfo i:nil="true"/>'
      + '<PortaProducts><PortaProduct><Description i:nil="true"/><EndUserProductName i:nil="true"/><IProduct>7</IProduct><IProductGroup>0</IProductGroup>'
      + '<MaintanenceFee>9.99</MaintanenceFee><Name>Gold &amp; &lt;Co&gt;</Name><addon_priority>0</addon_priority></PortaProduct></PortaProducts>'
      + '<ProductAddonsInfo i:nil="true"/></ProductResponse>')
  })

  test('dates: fraction only when non-zero, MinValue without a zone', () => {
    const xml = writeXml({ AccountInfo: { activation_date: new Date('2024-03-05T10:20:30.250Z'), issue_date: new Date('2024-03-05T10:20:30Z') } }, ProductResponse)
    assert.match(xml, /<activation_date>2024-03-05T10:20:30.25Z<\/activation_date>/)
    assert.match(xml, /<issue_date>2024-03-05T10:20:30Z<\/issue_date>/)
    assert.match(xml, /<last_usage>0001-01-01T00:00:00<\/last_usage>/)
  })

  test('errors are an ErrorResponse in the ServiceStack namespace', () => {
    assert.equal(writeXmlError({ ErrorCode: 'NotFound', Message: 'x', Errors: [] }),
      '<?xml version="1.0" encoding="utf-8"?><ErrorResponse xmlns="http://schemas.servicestack.net/types" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
      + '<ResponseStatus><ErrorCode>NotFound</ErrorCode><Message>x</Message><Errors></Errors></ResponseStatus></ErrorResponse>')
  })
})

describe('CSV writer (spec/porta.md §7.5)', () => {
  test('a header of declared names, one row of JSV cells, nulls empty, CRLF', () => {
    const csv = writeCsv({ PortaProducts: [{ IProduct: 7, Name: 'Gold', MaintanenceFee: 9.99 }] }, ProductResponse)
    assert.equal(csv, 'PortaProducts,Accounts,AccountInfo,PortaProductInfo,ProductAddonsInfo,NumberOfAccounts,License,ContentId,FeatureName\r\n'
      + '"[{IProduct:7,Name:Gold,MaintanenceFee:9.99,IProductGroup:0,addon_priority:0}]",,,,,0,,0,\r\n')
  })
})
