// Product threads: in a large case, the discussion about one product (pkg:rpm/redhat/sendmail,
// say) kept apart from the case-wide thread. Everyone in the case may read one; the vendors whose
// products match it are told of new posts. The product is stored as its parts, like a vendor's.
export const name = 'product_threads'

export const up = /* sql */ `
CREATE TABLE case_topics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  pattern text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('purl', 'cpe')),
  purl_type text,
  purl_namespace text,
  purl_name text,
  cpe_part text,
  cpe_vendor text,
  cpe_product text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, pattern)
);

ALTER TABLE case_messages ADD COLUMN topic_id uuid REFERENCES case_topics (id) ON DELETE CASCADE;
ALTER TABLE case_messages ADD CONSTRAINT case_messages_one_thread CHECK (participant_id IS NULL OR topic_id IS NULL);
CREATE INDEX case_messages_topic_idx ON case_messages (topic_id, created_at) WHERE topic_id IS NOT NULL;
ALTER TABLE attachments ADD COLUMN topic_id uuid REFERENCES case_topics (id) ON DELETE CASCADE;
ALTER TABLE attachments ADD CONSTRAINT attachments_one_thread CHECK (participant_id IS NULL OR topic_id IS NULL);
`
