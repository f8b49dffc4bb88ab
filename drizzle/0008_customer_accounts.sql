ALTER TABLE "accounts" ADD COLUMN "customer_id" integer;--> statement-breakpoint
ALTER TABLE "member_phones" ADD COLUMN "account_id" integer;--> statement-breakpoint
ALTER TABLE "tracking_numbers" ADD COLUMN "account_id" integer;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_phones" ADD CONSTRAINT "member_phones_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_numbers" ADD CONSTRAINT "tracking_numbers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_customer_idx" ON "accounts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "accounts_did_phone_idx" ON "accounts" USING btree ("phone") WHERE "accounts"."type" = 'did';--> statement-breakpoint
CREATE UNIQUE INDEX "member_phones_account_key" ON "member_phones" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_numbers_account_key" ON "tracking_numbers" USING btree ("account_id");;--> statement-breakpoint
-- Issue 12: an account of a customer's user is an account of that customer.
UPDATE "accounts" a SET "customer_id" = u."customer_id"
FROM "users" u JOIN "customers" c ON c."id" = u."customer_id"
WHERE u."id" = a."user_id" AND c."tenant_id" = a."tenant_id" AND a."customer_id" IS NULL;
--> statement-breakpoint
-- Every member phone is an account of its customer (type account, no username, owner = its primary user).
WITH "made" AS (
  INSERT INTO "accounts" ("tenant_id", "customer_id", "user_id", "type", "phone")
  SELECT p."tenant_id", p."customer_id",
    (SELECT u."id" FROM "users" u WHERE u."customer_id" = p."customer_id" ORDER BY u."id" LIMIT 1), 'account', p."number"
  FROM "member_phones" p WHERE p."account_id" IS NULL
  RETURNING "id", "customer_id", "phone"
)
UPDATE "member_phones" p SET "account_id" = m."id" FROM "made" m WHERE m."customer_id" = p."customer_id" AND m."phone" = p."number";
--> statement-breakpoint
ALTER TABLE "member_phones" ALTER COLUMN "account_id" SET NOT NULL;
--> statement-breakpoint
-- Every allocated tracking number is a DID account of its company, unless a DID account holds the number already.
WITH "made" AS (
  INSERT INTO "accounts" ("tenant_id", "customer_id", "user_id", "type", "username", "phone")
  SELECT c."tenant_id", c."id",
    (SELECT u."id" FROM "users" u WHERE u."customer_id" = c."id" ORDER BY u."id" LIMIT 1), 'did', t."number", t."number"
  FROM "tracking_numbers" t JOIN "customers" c ON c."id" = t."customer_id"
  WHERE t."state" = 'allocated' AND t."account_id" IS NULL
    AND NOT EXISTS (SELECT 1 FROM "accounts" a WHERE a."type" = 'did' AND a."phone" = t."number")
    AND NOT EXISTS (SELECT 1 FROM "accounts" a WHERE coalesce(a."tenant_id", 0) = c."tenant_id" AND a."type" = 'did' AND a."username" = t."number")
  RETURNING "id", "phone"
)
UPDATE "tracking_numbers" t SET "account_id" = m."id" FROM "made" m WHERE m."phone" = t."number";
