CREATE TYPE "public"."experiment_status" AS ENUM('draft', 'running', 'paused', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."experiment_type" AS ENUM('ab', 'bandit');--> statement-breakpoint
CREATE TABLE "experiment_exposures" (
	"experiment_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"variant" text NOT NULL,
	"first_exposed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "experiment_exposures_experiment_id_user_id_pk" PRIMARY KEY("experiment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "experiment_weights" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "experiment_weights_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"experiment_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"weights" jsonb NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "experiments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"name" text NOT NULL,
	"hypothesis" text DEFAULT '' NOT NULL,
	"type" "experiment_type" DEFAULT 'ab' NOT NULL,
	"status" "experiment_status" DEFAULT 'draft' NOT NULL,
	"layer" text DEFAULT 'default' NOT NULL,
	"coverage_percent" double precision DEFAULT 100 NOT NULL,
	"slot_start" integer,
	"seed" text NOT NULL,
	"targeting" text DEFAULT 'all' NOT NULL,
	"variants" jsonb NOT NULL,
	"primary_metric" text NOT NULL,
	"secondary_metrics" text[] DEFAULT '{}'::text[] NOT NULL,
	"guardrails" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bandit_interval_minutes" integer,
	"last_reallocated_at" timestamp with time zone,
	"shipped_variant" text,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiments_coverage" CHECK ("experiments"."coverage_percent" >= 0 and "experiments"."coverage_percent" <= 100),
	CONSTRAINT "experiments_slot_start" CHECK ("experiments"."slot_start" is null or ("experiments"."slot_start" >= 0 and "experiments"."slot_start" < 10000)),
	CONSTRAINT "experiments_bandit_interval" CHECK (("experiments"."type" = 'bandit') = ("experiments"."bandit_interval_minutes" is not null))
);
--> statement-breakpoint
CREATE TABLE "strategies" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"config" jsonb NOT NULL,
	"is_preset" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_versions" (
	"strategy_key" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_versions_strategy_key_version_pk" PRIMARY KEY("strategy_key","version")
);
--> statement-breakpoint
ALTER TABLE "experiment_exposures" ADD CONSTRAINT "experiment_exposures_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_weights" ADD CONSTRAINT "experiment_weights_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_versions" ADD CONSTRAINT "strategy_versions_strategy_key_strategies_key_fk" FOREIGN KEY ("strategy_key") REFERENCES "public"."strategies"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experiment_weights_experiment_idx" ON "experiment_weights" USING btree ("experiment_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "experiments_key_key" ON "experiments" USING btree ("key");--> statement-breakpoint
CREATE INDEX "experiments_status_idx" ON "experiments" USING btree ("status","layer");--> statement-breakpoint
-- Hand-written: results read one experiment's impressions. The impressions table is declared in
-- db/schema.ts outside this change; move this index into its definition when that file is next edited.
CREATE INDEX "impressions_experiment_idx" ON "impressions" USING btree ("experiment","served_at") WHERE "impressions"."experiment" is not null;
