import type { DialectPlugin } from '../dialect.ts'
import { tagDialect } from '../dialect.ts'

// Placeholder scope until the packetera dialect lands (issue 2): answers nothing but its 404.
const plugin: DialectPlugin = async (app) => {
  tagDialect(app, 'packetera')
}
export default plugin
