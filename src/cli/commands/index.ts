import type { Command } from '../command.ts'
import campaignWatch from './campaign-watch.ts'
import contactsImport from './contacts-import.ts'
import customerList from './customer-list.ts'
import customerReactivate from './customer-reactivate.ts'
import customerSuspend from './customer-suspend.ts'
import gatewayCreate from './gateway-create.ts'
import gatewayDelete from './gateway-delete.ts'
import gatewayList from './gateway-list.ts'
import keyCreate from './key-create.ts'
import keyList from './key-list.ts'
import keyRevoke from './key-revoke.ts'
import numbersList from './numbers-list.ts'
import numbersRemove from './numbers-remove.ts'
import orderCancel from './order-cancel.ts'
import orderCreate from './order-create.ts'
import orderList from './order-list.ts'
import orderReactivate from './order-reactivate.ts'
import orderSuspend from './order-suspend.ts'
import productAddons from './product-addons.ts'
import productCreate from './product-create.ts'
import productList from './product-list.ts'
import promoCreate from './promo-create.ts'
import promoDelete from './promo-delete.ts'
import promoList from './promo-list.ts'
import resellerShow from './reseller-show.ts'
import demo from './demo.ts'
import jwtRotate from './jwt-rotate.ts'
import migrate from './migrate.ts'
import numbersAdd from './numbers-add.ts'
import resellerCreate from './reseller-create.ts'
import resellerList from './reseller-list.ts'
import resellerSettings from './reseller-settings.ts'
import serve from './serve.ts'
import userCreate from './user-create.ts'
import userPassword from './user-password.ts'
import worker from './worker.ts'

/** Every command of `switchboard`, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  serve, worker, migrate, resellerCreate, resellerList, resellerShow, resellerSettings, keyList, keyCreate, keyRevoke,
  userCreate, userPassword, customerList, customerSuspend, customerReactivate,
  productList, productCreate, productAddons,
  promoList, promoCreate, promoDelete, gatewayList, gatewayCreate, gatewayDelete,
  orderList, orderCreate, orderSuspend, orderReactivate, orderCancel,
  numbersAdd, numbersList, numbersRemove, contactsImport, campaignWatch, demo, jwtRotate,
] as Command[]
