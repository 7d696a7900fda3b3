ALTER TABLE "experiment_exposures" ADD COLUMN "device" text;--> statement-breakpoint
ALTER TABLE "experiment_exposures" ADD COLUMN "returning_user" boolean;--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "breakdown_attributes" text[] DEFAULT '{}'::text[] NOT NULL;