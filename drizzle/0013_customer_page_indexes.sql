DROP INDEX "customers_tenant_idx";--> statement-breakpoint
DROP INDEX "users_customer_idx";--> statement-breakpoint
CREATE INDEX "customers_tenant_idx" ON "customers" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "users_customer_idx" ON "users" USING btree ("customer_id","id");