DROP TABLE prefs;
