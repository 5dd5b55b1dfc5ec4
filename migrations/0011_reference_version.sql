CREATE TABLE "reference_version" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "reference_version_singleton" CHECK ("reference_version"."singleton")
);
