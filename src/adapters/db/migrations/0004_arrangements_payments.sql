CREATE TABLE "payments" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"currency" char(3) DEFAULT 'EUR' NOT NULL,
	"value_date" date NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"source" text NOT NULL,
	"external_ref" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"allocation" jsonb NOT NULL,
	"payer_name" text,
	"recorded_by" text NOT NULL,
	"reversed_at" timestamp with time zone,
	"reversal_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "payments_amount_check" CHECK (amount_cents > 0),
	CONSTRAINT "payments_method_check" CHECK (method in ('card', 'transfer', 'direct_debit', 'cheque', 'cash', 'creditor_direct', 'manual')),
	CONSTRAINT "payments_status_check" CHECK (status in ('booked', 'reversed'))
);
--> statement-breakpoint
CREATE TABLE "plan_instalments" (
	"creditor_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"due_on" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "plan_instalments_creditor_id_plan_id_number_pk" PRIMARY KEY("creditor_id","plan_id","number"),
	CONSTRAINT "plan_instalments_amount_check" CHECK (amount_cents > 0)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text NOT NULL,
	"agreed_on" date NOT NULL,
	"frequency" text NOT NULL,
	"balance_cents" bigint NOT NULL,
	"total_cents" bigint NOT NULL,
	"interest_waived" boolean DEFAULT false NOT NULL,
	"budget" jsonb,
	"origin" text NOT NULL,
	"mandate_violations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approval_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	CONSTRAINT "plans_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "plans_status_check" CHECK (status in ('pending_approval', 'refused', 'active', 'completed', 'broken', 'cancelled')),
	CONSTRAINT "plans_amounts_check" CHECK (total_cents > 0 and total_cents <= balance_cents)
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"made_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"origin" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "promises_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "promises_status_check" CHECK (status in ('pending', 'kept', 'broken', 'cancelled')),
	CONSTRAINT "promises_amount_check" CHECK (amount_cents > 0 and due_on >= made_on)
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"creditor_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text NOT NULL,
	"balance_cents" bigint NOT NULL,
	"amount_cents" bigint NOT NULL,
	"agreed_on" date NOT NULL,
	"due_on" date NOT NULL,
	"origin" text NOT NULL,
	"mandate_violations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approval_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "settlements_creditor_id_id_pk" PRIMARY KEY("creditor_id","id"),
	CONSTRAINT "settlements_status_check" CHECK (status in ('pending_approval', 'refused', 'pending', 'paid', 'lapsed', 'cancelled')),
	CONSTRAINT "settlements_amounts_check" CHECK (amount_cents > 0 and amount_cents <= balance_cents and due_on >= agreed_on)
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paid_principal_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paid_interest_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paid_accessories_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "waived_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_instalments" ADD CONSTRAINT "plan_instalments_creditor_id_plan_id_plans_creditor_id_id_fk" FOREIGN KEY ("creditor_id","plan_id") REFERENCES "public"."plans"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_creditor_id_case_id_cases_creditor_id_id_fk" FOREIGN KEY ("creditor_id","case_id") REFERENCES "public"."cases"("creditor_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_case_idx" ON "payments" USING btree ("case_id","value_date");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_external_ref_key" ON "payments" USING btree ("creditor_id","source","external_ref");--> statement-breakpoint
CREATE INDEX "plan_instalments_due_idx" ON "plan_instalments" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "plans_case_idx" ON "plans" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "plans_status_idx" ON "plans" USING btree ("status");--> statement-breakpoint
CREATE INDEX "promises_case_idx" ON "promises" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "promises_due_idx" ON "promises" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "settlements_case_idx" ON "settlements" USING btree ("case_id");