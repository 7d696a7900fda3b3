CREATE TYPE "public"."curation_kind" AS ENUM('pick', 'pin', 'boost', 'block');--> statement-breakpoint
CREATE TYPE "public"."curation_target_type" AS ENUM('item', 'tag', 'category');--> statement-breakpoint
CREATE TABLE "curation_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "curation_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "curation_kind" NOT NULL,
	"target_type" "curation_target_type" NOT NULL,
	"target" text NOT NULL,
	"position" integer,
	"boost" real,
	"segment" text,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "curation_rules_pin_position" CHECK (("curation_rules"."kind" = 'pin') = ("curation_rules"."position" is not null) and ("curation_rules"."kind" <> 'pin' or "curation_rules"."target_type" = 'item')),
	CONSTRAINT "curation_rules_boost" CHECK (("curation_rules"."kind" = 'boost') = ("curation_rules"."boost" is not null) and ("curation_rules"."boost" is null or "curation_rules"."boost" > 0)),
	CONSTRAINT "curation_rules_schedule" CHECK ("curation_rules"."starts_at" is null or "curation_rules"."ends_at" is null or "curation_rules"."ends_at" > "curation_rules"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "impressions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "impressions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"recommendation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"surface" text NOT NULL,
	"items" text[] NOT NULL,
	"strategy" text NOT NULL,
	"model_version" integer,
	"experiment" text,
	"variant" text,
	"fallback" text,
	"latency_ms" real NOT NULL,
	"served_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "curation_rules_schedule_idx" ON "curation_rules" USING btree ("ends_at","starts_at");--> statement-breakpoint
CREATE INDEX "curation_rules_target_idx" ON "curation_rules" USING btree ("target_type","target");--> statement-breakpoint
CREATE UNIQUE INDEX "impressions_recommendation_id_key" ON "impressions" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "impressions_served_at_idx" ON "impressions" USING brin ("served_at");--> statement-breakpoint
CREATE INDEX "impressions_user_idx" ON "impressions" USING btree ("user_id","served_at" DESC NULLS LAST);