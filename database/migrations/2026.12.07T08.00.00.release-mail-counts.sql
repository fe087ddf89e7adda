-- Opens and clicks of release emails, per release and locale, when an operator turns tracking on (MAIL_TRACKING):
-- counts only, never who (src/delivery/subscriptions/mail-tracking.ts).
CREATE TABLE IF NOT EXISTS newsroom_release_mail_counts (
  document_id varchar(255) NOT NULL,
  locale varchar(32) NOT NULL,
  opens integer NOT NULL DEFAULT 0,
  clicks integer NOT NULL DEFAULT 0,
  PRIMARY KEY (document_id, locale)
);
