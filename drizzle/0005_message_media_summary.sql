ALTER TABLE "documents" ADD COLUMN "media_type" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "parts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "media_type" text;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "parts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "media_type" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "parts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "size" integer DEFAULT 0 NOT NULL;