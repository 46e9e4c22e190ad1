CREATE TABLE pages (
  id bigserial PRIMARY KEY
);
