CREATE TYPE "public"."model_status" AS ENUM('candidate', 'active', 'archived', 'failed');--> statement-breakpoint
CREATE TYPE "public"."training_status" AS ENUM('queued', 'running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."training_trigger" AS ENUM('manual', 'schedule', 'events', 'startup');--> statement-breakpoint
CREATE TABLE "model_artifacts" (
	"version_id" integer PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"status" "model_status" DEFAULT 'candidate' NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"data_from" timestamp with time zone,
	"data_to" timestamp with time zone,
	"artifact_location" text NOT NULL,
	"checksum" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"training_run_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"status" "training_status" DEFAULT 'queued' NOT NULL,
	"trigger" "training_trigger" NOT NULL,
	"stage" text DEFAULT 'queued' NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version_id" integer,
	"error" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "model_artifacts" ADD CONSTRAINT "model_artifacts_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_one_active" ON "model_versions" USING btree ("status") WHERE "model_versions"."status" = 'active';--> statement-breakpoint
CREATE INDEX "model_versions_created_idx" ON "model_versions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "training_runs_queued_idx" ON "training_runs" USING btree ("queued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_runs_one_pending" ON "training_runs" USING btree ((true)) WHERE "training_runs"."status" in ('queued', 'running');