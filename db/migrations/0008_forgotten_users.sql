CREATE TABLE "forgotten_users" (
	"user_hash" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"forgotten_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "forgotten_users_at_idx" ON "forgotten_users" USING btree ("forgotten_at");