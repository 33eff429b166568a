-- The contact's phone number, optional: the record view on the rep's desk offers it as a link to call.
ALTER TABLE lead ADD COLUMN phone VARCHAR(40);
ALTER TABLE ticket ADD COLUMN contact_phone VARCHAR(40);
ALTER TABLE opportunity ADD COLUMN contact_phone VARCHAR(40);
