ALTER TABLE "customers" ADD COLUMN "country_name" text;--> statement-breakpoint
-- Every customer has a support PIN (ResellerClub shows 4 digits), whichever dialect signed it up.
UPDATE "customers" SET "pin" = 1000 + floor(random() * 9000)::int WHERE "pin" IS NULL;
--> statement-breakpoint
-- A primary login's name, company and phone are the customer's profile: keep what only the user had.
UPDATE "customers" c SET
  "first_name" = coalesce(c."first_name", u."first_name"),
  "last_name" = coalesce(c."last_name", u."last_name"),
  "company" = coalesce(c."company", u."company")
FROM "users" u WHERE u."customer_id" = c."id";
--> statement-breakpoint
-- Every customer is a click-to-call member; those signed up elsewhere need no activation.
INSERT INTO "click_to_call_members" ("customer_id", "tenant_id", "activation_id", "active", "activated_at")
SELECT c."id", c."tenant_id", upper(gen_random_uuid()::text), true, now() FROM "customers" c
WHERE NOT EXISTS (SELECT 1 FROM "click_to_call_members" m WHERE m."customer_id" = c."id");
