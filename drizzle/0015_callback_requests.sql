CREATE TABLE "callback_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"button_guid" text NOT NULL,
	"member_phone" text NOT NULL,
	"visitor_phone" text NOT NULL,
	"visitor_name" text,
	"visitor_ip" text NOT NULL,
	"user_agent" text,
	"transmission_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_tenant_id_resellers_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."resellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callback_requests_customer_idx" ON "callback_requests" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "callback_requests_button_idx" ON "callback_requests" USING btree ("button_guid","created_at");--> statement-breakpoint
CREATE INDEX "callback_requests_ip_idx" ON "callback_requests" USING btree ("visitor_ip","created_at");--> statement-breakpoint
CREATE INDEX "callback_requests_transmission_idx" ON "callback_requests" USING btree ("transmission_id");