-- accepted values: quarantine rules are the stable names operators and scripts rely on
-- (the same list, in the same order, as the Java enum normalize.QuarantineRule; QuarantineRuleTests keeps them equal)
select rule, count(*) as n from ops.quarantine
where rule not in ('id_missing', 'id_format', 'id_checksum', 'id_birth_date', 'uscc_format', 'uscc_checksum',
    'category_unknown', 'vocabulary_unknown', 'date_invalid', 'quantity_invalid', 'district_unknown',
    'district_mismatch', 'required_missing', 'duplicate', 'value_too_long', 'tier_not_of_programme',
    'end_before_award')
group by rule;
