import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { LATENCY_BUCKETS, RequestStats } from '../../src/http/request-stats.ts'

describe('request metrics', () => {
  test('requests are counted by dialect, route and status', () => {
    const stats = new RequestStats()
    stats.observe('ictcore', '/api/users/:user_id', 200, 0.002)
    stats.observe('ictcore', '/api/users/:user_id', 200, 0.003)
    stats.observe('ictcore', '/api/users/:user_id', 404, 0.001)
    stats.observe('porta', 'unmatched', 404, 0.001)
    const text = stats.render()
    assert.match(text, /^# HELP switchboard_http_requests_total .+\n# TYPE switchboard_http_requests_total counter$/m)
    assert.match(text, /^switchboard_http_requests_total\{dialect="ictcore",route="\/api\/users\/:user_id",status="200"\} 2$/m)
    assert.match(text, /^switchboard_http_requests_total\{dialect="ictcore",route="\/api\/users\/:user_id",status="404"\} 1$/m)
    assert.match(text, /^switchboard_http_requests_total\{dialect="porta",route="unmatched",status="404"\} 1$/m)
  })

  test('the latency histogram has cumulative buckets, +Inf, sum and count', () => {
    const stats = new RequestStats()
    for (const s of [0.0005, 0.001, 0.002, 0.3, 7]) stats.observe('system', '/healthz', 200, s)
    const text = stats.render()
    const bucket = (le: string) => Number(new RegExp(`^switchboard_http_request_duration_seconds_bucket\\{le="${le.replace('+', '\\+')}",dialect="system",route="/healthz"\\} (\\d+)$`, 'm').exec(text)?.[1])
    assert.equal(bucket('0.001'), 2, 'a value equal to a bound is in that bucket')
    assert.equal(bucket('0.0025'), 3)
    assert.equal(bucket('0.25'), 3)
    assert.equal(bucket('0.5'), 4)
    assert.equal(bucket('5'), 4)
    assert.equal(bucket('+Inf'), 5)
    assert.equal(LATENCY_BUCKETS.filter((le) => Number.isNaN(bucket(String(le)))).length, 0, 'every bound is rendered')
    assert.match(text, /^switchboard_http_request_duration_seconds_sum\{dialect="system",route="\/healthz"\} 7\.3035$/m)
    assert.match(text, /^switchboard_http_request_duration_seconds_count\{dialect="system",route="\/healthz"\} 5$/m)
    assert.match(text, /^# TYPE switchboard_http_request_duration_seconds histogram$/m)
  })

  test('label values are escaped', () => {
    const stats = new RequestStats()
    stats.observe('x', '/a"b\\c\nd', 200, 0.001)
    assert.match(stats.render(), /route="\/a\\"b\\\\c\\nd"/)
  })
})
