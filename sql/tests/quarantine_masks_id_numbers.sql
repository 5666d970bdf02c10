-- personal data: no raw 18-character ID number in the quarantine (they are shown masked);
-- credit codes, 18 characters as well, are not personal and stay readable
select run_id, district_code, line, field, rule from ops.quarantine
where field = 'id_number' and regexp_matches(raw_value, '[0-9]{17}[0-9Xx]');
