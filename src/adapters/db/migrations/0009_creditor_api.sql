CREATE TABLE "idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"response_status" integer,
	"response_type" text,
	"response_body" text,
	"locked_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_principal_key_pk" PRIMARY KEY("principal","key"),
	CONSTRAINT "idempotency_keys_status_check" CHECK (status in ('in_progress', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "remittance_items" (
	"creditor_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"remittance_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"mandate_id" uuid,
	"value_date" date NOT NULL,
	"method" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "remittance_items_creditor_id_payment_id_kind_pk" PRIMARY KEY("creditor_id","payment_id","kind")
);
--> statement-breakpoint
CREATE TABLE "remittances" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"collected_cents" bigint NOT NULL,
	"direct_cents" bigint NOT NULL,
	"reversed_cents" bigint NOT NULL,
	"commission_cents" bigint NOT NULL,
	"payable_cents" bigint NOT NULL,
	"summary" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_on" date,
	"paid_by" text,
	"paid_at" timestamp with time zone,
	CONSTRAINT "remittances_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "remittances_status_check" CHECK (status in ('issued', 'paid')),
	CONSTRAINT "remittances_period_check" CHECK (period_from <= period_to)
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"creditor_id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"response_status" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "webhook_attempts_creditor_id_delivery_id_attempt_pk" PRIMARY KEY("creditor_id","delivery_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "webhook_cursors" (
	"creditor_id" uuid NOT NULL,
	"last_event_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_cursors_creditor_id_pk" PRIMARY KEY("creditor_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"claim_token" uuid,
	"last_attempt_at" timestamp with time zone,
	"last_response_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "webhook_deliveries_status_check" CHECK (status in ('pending', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "webhook_messages" (
	"creditor_id" uuid NOT NULL,
	"id" text NOT NULL,
	"case_id" uuid NOT NULL,
	"case_event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_messages_creditor_id_id_pk" PRIMARY KEY("creditor_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"event_types" text[] NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"secret_hint" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "webhook_subscriptions_creditor_id_id_pk" PRIMARY KEY("creditor_id","id")
);
--> statement-breakpoint
ALTER TABLE "remittance_items" ADD CONSTRAINT "remittance_items_creditor_id_remittance_id_remittances_creditor_id_id_fk" FOREIGN KEY ("creditor_id","remittance_id") REFERENCES "public"."remittances"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_items" ADD CONSTRAINT "remittance_items_creditor_id_payment_id_payments_creditor_id_id_fk" FOREIGN KEY ("creditor_id","payment_id") REFERENCES "public"."payments"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_creditor_id_delivery_id_webhook_deliveries_creditor_id_id_fk" FOREIGN KEY ("creditor_id","delivery_id") REFERENCES "public"."webhook_deliveries"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_cursors" ADD CONSTRAINT "webhook_cursors_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_creditor_id_subscription_id_webhook_subscriptions_creditor_id_id_fk" FOREIGN KEY ("creditor_id","subscription_id") REFERENCES "public"."webhook_subscriptions"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_creditor_id_message_id_webhook_messages_creditor_id_id_fk" FOREIGN KEY ("creditor_id","message_id") REFERENCES "public"."webhook_messages"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_messages" ADD CONSTRAINT "webhook_messages_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "remittance_items_remittance_idx" ON "remittance_items" USING btree ("creditor_id","remittance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_message_key" ON "webhook_deliveries" USING btree ("creditor_id","subscription_id","message_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_messages_event_key" ON "webhook_messages" USING btree ("creditor_id","case_event_id","event_type");