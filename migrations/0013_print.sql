CREATE TABLE "dispatch_documents" (
	"dispatch_level_id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid NOT NULL,
	CONSTRAINT "dispatch_documents_seq_positive" CHECK ("dispatch_documents"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "print_templates" (
	"kind" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"number_prefix" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispatch_documents" ADD CONSTRAINT "dispatch_documents_dispatch_level_id_dispatch_levels_id_fk" FOREIGN KEY ("dispatch_level_id") REFERENCES "public"."dispatch_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_documents" ADD CONSTRAINT "dispatch_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "print_templates" ADD CONSTRAINT "print_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_documents_year_seq_key" ON "dispatch_documents" USING btree ("year","seq");