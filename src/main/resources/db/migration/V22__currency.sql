-- An amount says its currency (ISO 4217). Amounts written before this have none on record: they stay without, and
-- titles show them as before.
ALTER TABLE opportunity ADD COLUMN currency CHAR(3);
ALTER TABLE contract ADD COLUMN currency CHAR(3);
