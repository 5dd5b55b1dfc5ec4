CREATE TABLE "upload_quotas" (
	"bucket" "bytea" NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"kib" integer NOT NULL,
	CONSTRAINT "upload_quotas_pkey" PRIMARY KEY("bucket","window_start")
);
