"""The 绩效指标 tab: the indicator tree (a thin model over the draft), its actions, the
detail pane."""
