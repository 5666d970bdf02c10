-- personal data: no raw 18-character ID number in the quarantine (they are shown masked)
select run_id, district_code, line, field, rule from ops.quarantine
where regexp_matches(raw_value, '[0-9]{17}[0-9Xx]');
