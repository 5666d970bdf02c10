-- accepted values: region is one of the three groupings of the 2020 scheme
select district_code, region from dw.dim_district where region not in ('主城都市区', '渝东北', '渝东南');
