CREATE TABLE "sms_templates" (
	"key" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
