ALTER TABLE "model_artifacts" DROP CONSTRAINT "model_artifacts_pkey";--> statement-breakpoint
ALTER TABLE "model_artifacts" ADD COLUMN "part" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "model_artifacts" ADD CONSTRAINT "model_artifacts_version_id_part_pk" PRIMARY KEY("version_id","part");
