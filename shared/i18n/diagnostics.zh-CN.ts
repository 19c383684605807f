import type { diagnosticsEnErrors, diagnosticsEnMessages } from './diagnostics.en';

/** About / diagnostics in Simplified Chinese; the types force every English key to be present. */
export const diagnosticsZhMessages: Record<keyof typeof diagnosticsEnMessages, string> = {
  'nav.diagnostics': '设置与关于',
  'diagnostics.title': '关于 Registry Desk',
  'diagnostics.intro': '界面语言、版本信息、数据存放位置，以及可附在支持请求中的诊断报告。',
  'diagnostics.loading': '正在收集诊断信息…',
  'diagnostics.versions': '版本',
  'diagnostics.version': 'Registry Desk',
  'diagnostics.packaged': '已安装的软件包',
  'diagnostics.development': '开发版本',
  'diagnostics.electron': 'Electron',
  'diagnostics.chrome': 'Chromium',
  'diagnostics.node': 'Node.js',
  'diagnostics.os': '操作系统',
  'diagnostics.notElectron': '未在 Electron 中运行',
  'diagnostics.locations': '文件',
  'diagnostics.dataFolder': '数据文件夹',
  'diagnostics.settingsFile': '设置文件',
  'diagnostics.logFolder': '日志文件夹',
  'diagnostics.logFile': '当前日志文件',
  'diagnostics.noLogFile': '本次运行不写日志文件',
  'diagnostics.keychain': '操作系统钥匙串',
  'diagnostics.keychainBackend': '后端',
  'diagnostics.keychainState': '状态',
  'diagnostics.keychainAvailable': '可用',
  'diagnostics.keychainUnavailable': '不可用',
  'diagnostics.registries': '注册表',
  'diagnostics.registryCount': '共 {count} 个',
  'diagnostics.report': '诊断报告',
  'diagnostics.reportIntro': '报告离开 Registry Desk 之前，其中的密码、令牌和密钥都会被移除。分享前请先阅读。',
  'diagnostics.reportLabel': '报告内容',
  'diagnostics.copy': '复制报告',
  'diagnostics.copied': '报告已复制到剪贴板。',
  'diagnostics.refresh': '刷新',
};

export const diagnosticsZhErrors: Record<keyof typeof diagnosticsEnErrors, string> = {
  'diagnostics.noClipboard': '此处无法使用系统剪贴板。请选中报告内容后自行复制。',
  'diagnostics.clipboardFailed': '无法把报告写入剪贴板（{detail}）。请选中报告内容后自行复制。',
};
