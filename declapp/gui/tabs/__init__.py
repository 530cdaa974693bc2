"""The editor tabs of the form's own fields: 单位信息, 资金情况, 绩效目标."""
