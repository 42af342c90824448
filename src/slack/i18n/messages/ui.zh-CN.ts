/** 命令、弹窗、按钮、主页与错误提示（与 ui.en.ts 的键一一对应）。 */
export const uiZh = {} as const;
