CREATE INDEX "items_updated_at_idx" ON "items" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");