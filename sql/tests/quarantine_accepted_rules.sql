-- accepted values: quarantine rules are the stable names operators and scripts rely on
select rule, count(*) as n from ops.quarantine
where rule not in ('id_missing', 'id_format', 'id_checksum', 'id_birth_date', 'uscc_format', 'uscc_checksum',
    'category_unknown', 'vocabulary_unknown', 'date_invalid', 'duplicate', 'required_missing',
    'quantity_invalid', 'district_unknown', 'district_mismatch', 'value_too_long', 'tier_not_of_programme',
    'end_before_award')
group by rule;
