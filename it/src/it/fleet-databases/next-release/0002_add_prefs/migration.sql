CREATE TABLE prefs (
  user_id bigint PRIMARY KEY REFERENCES users (id),
  theme text NOT NULL DEFAULT 'light'
);
