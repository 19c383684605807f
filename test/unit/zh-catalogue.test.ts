import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';
import { enErrors, enMessages } from '../../shared/i18n/en';
import { zhErrors, zhMessages } from '../../shared/i18n/zh-CN';
import { halfTranslated, latinOnly, missingKeys, placeholderMismatches, secretCalledKey, untranslated } from '../support/catalogue-review';

/** A CJK character or full-width punctuation, then an ASCII parenthesis (one space between allowed), or the reverse. */
const CJK_BESIDE_PAREN = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef] ?[()]|[()] ?[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** A Latin word then a parenthesised Latin group: code such as a label selector's "key in (a,b)", which stays as typed. */
const LATIN_CALL = /[A-Za-z]+ \([^()\u3400-\u9fff]*\)/g;

/** Keys whose Chinese prose opens or closes an ASCII parenthesis beside a Chinese character ("版本 (开发版本)"). */
function asciiParenthesesInChinese(zh: Record<string, string>): string[] {
  return Object.keys(zh).filter((key) => CJK_BESIDE_PAREN.test(zh[key]!.replace(LATIN_CALL, ' ')));
}

/** ASCII quotes around Chinese words ("用户:密码"), and an ASCII colon between Chinese words (用户:密码). */
const ASCII_QUOTED = /"[^"]*"/g;
const HAN = /[\u3400-\u9fff]/;
const ASCII_COLON_IN_CHINESE = /[\u3400-\u9fff]:|:[\u3400-\u9fff]/;

/** Keys whose Chinese prose quotes or separates Chinese words with ASCII marks instead of “” and ：. */
function asciiMarksInChinese(zh: Record<string, string>): string[] {
  return Object.keys(zh).filter((key) => (zh[key]!.match(ASCII_QUOTED) ?? []).some((quoted) => HAN.test(quoted)) || ASCII_COLON_IN_CHINESE.test(zh[key]!));
}

const catalogues = [
  { name: 'messages', en: enMessages as Record<string, string>, zh: zhMessages as Record<string, string> },
  { name: 'errors', en: enErrors as Record<string, string>, zh: zhErrors as Record<string, string> },
];

describe.each(catalogues)('the Chinese $name', ({ en, zh }) => {
  it('has every English key, and no key English lacks', () => {
    expect(missingKeys(en, zh)).toEqual([]);
    expect(missingKeys(zh, en)).toEqual([]);
  });

  it('translates every text, apart from names Chinese keeps in Latin script', () => {
    expect(untranslated(en, zh)).toEqual([]);
    expect(latinOnly(zh)).toEqual([]);
  });

  it('leaves no English words inside a Chinese sentence, commands aside', () => {
    expect(halfTranslated(zh)).toEqual([]);
  });

  it('calls the Kubernetes Secret "Secret", never 密钥 (the word for keys)', () => {
    expect(secretCalledKey(en, zh)).toEqual([]);
  });

  it('calls a service account 服务账户 everywhere, never 服务账号 or 服务帐户', () => {
    expect(Object.keys(zh).filter((key) => /服务(账号|帐户|帐号)/.test(zh[key]!))).toEqual([]);
  });

  it('puts Chinese prose in full-width parentheses （）, not ASCII ones', () => {
    expect(asciiParenthesesInChinese(zh)).toEqual([]);
  });

  it('quotes Chinese words with “” and separates them with ：, not ASCII marks', () => {
    expect(asciiMarksInChinese(zh)).toEqual([]);
  });

  it('fills in the same placeholders as English', () => {
    expect(placeholderMismatches(en, zh)).toEqual([]);
  });
});

describe('the product document’s own labels', () => {
  it.each([
    ['nav.registries', '容器注册表'],
    ['action.add', '添加容器注册表'],
    ['type.artifact-registry', '工件注册表（GCP）'],
    ['type.other', '其他'],
    ['field.name', '名称'],
    ['field.type', '注册表类型'],
    ['field.registryUrl', '注册表URL'],
    ['field.loginServer', '注册表URL/登录服务器'],
    ['field.usernameOrRegistryName', '用户/注册表名称'],
    ['field.isDefault', '设置为默认注册表'],
    ['field.authType', '身份验证类型'],
    ['authType.iamRole', 'EC2 IAM角色'],
    ['authType.userAuth', '用户身份验证'],
    ['field.accessKeyId', '访问钥匙ID'],
    ['field.secretAccessKey', '访问密钥'],
    ['field.passwordOrToken', '密码/令牌'],
    ['field.serviceAccountJson', '服务账户JSON文件'],
    ['connection.secure', '仅允许安全连接'],
    ['connection.secureWithCa', '允许与CA证书的安全连接'],
    ['connection.insecure', '允许不安全连接'],
    ['access.mode.inject-selected', '向所选集群自动注入凭据'],
    ['access.credential.registry-credentials', '使用注册表凭据'],
  ] as const)('%s is %s', (key, label) => {
    expect(zhMessages[key]).toBe(label);
  });
});

describe('texts that send the operator to an option', () => {
  // The form's label is the product document's; a hint quoting it in other words names an option the form does not have.
  it.each(['connection.hint.untrustedSecure', 'connection.hint.untrustedOsTrusts', 'caCertificate.required', 'caCertificate.notWithMode'] as const)('%s quotes "secure with CA certificate" as the form names it', (key) => {
    const both = { ...zhMessages, ...zhErrors } as Record<string, string>;
    const english = { ...enMessages, ...enErrors } as Record<string, string>;
    expect(both[key]).toContain(`“${zhMessages['connection.secureWithCa']}”`);
    expect(english[key]).toContain(`"${enMessages['connection.secureWithCa']}"`);
  });
});

describe('the rules catch what they are for', () => {
  const en = { secret: 'Secret name', key: 'JSON key', verb: 'may not {verb}', name: 'Registry Desk', title: 'Pull secrets' };
  it('finds 密钥 for a Secret but allows it for a key', () => {
    expect(secretCalledKey(en, { ...en, secret: '密钥名称', key: 'JSON 密钥' })).toEqual(['secret']);
    // A placeholder named {key} does not make a text about a pull secret one about a key.
    expect(secretCalledKey({ verdict: 'Refuses the pull secret {secret} (entry {key})' }, { verdict: '拒绝拉取密钥 {secret}（条目 {key}）' })).toEqual(['verdict']);
    expect(secretCalledKey({ verdict: 'The pull secret holds a JSON key' }, { verdict: '拉取密钥中有 JSON 密钥' })).toEqual(['verdict']);
  });
  it('finds an English word left in Chinese, but not a kubectl command', () => {
    expect(halfTranslated({ verb: '无权执行 create', command: '运行 kubectl create secret docker-registry 即可' })).toEqual(['verb']);
  });
  it('finds a copied or Latin-only text, but not a product name', () => {
    expect(untranslated(en, { ...en, secret: 'Secret 名称', key: 'JSON 密钥', verb: '无权{verb}' })).toEqual(['title']);
    expect(latinOnly({ name: 'Registry Desk', title: 'Pull secrets', mixed: '拉取 Secret' })).toEqual(['title']);
  });
  it('finds ASCII parentheses beside Chinese, but not in a command or around Latin text', () => {
    const texts = { about: '版本 1.0 (开发版本)', docker: '已安装 (Docker 1)', end: '（开发版本）', selector: 'key in (a,b)、key', latin: 'Docker (x86)' };
    expect(asciiParenthesesInChinese(texts)).toEqual(['about', 'docker']);
  });
  it('finds ASCII quotes and colons in Chinese words, but not quoted code', () => {
    const texts = { quoted: '不是 "用户:密码" 的 base64', colon: '用户:密码', full: '不是“用户名：密码”的', code: '写入 credHelpers[host] = "registry-desk"。', json: '（"type" 必须为 "service_account"）', url: '使用 https://gcr.io 地址' };
    expect(asciiMarksInChinese(texts)).toEqual(['quoted', 'colon']);
  });
  it('finds a missing key and a placeholder that is never filled', () => {
    expect(missingKeys(en, { secret: 'x' })).toEqual(['key', 'verb', 'name', 'title']);
    expect(placeholderMismatches(en, { ...en, verb: '无权 {verbs}' })).toEqual(['verb']);
  });
});

describe('filling in a Chinese template', () => {
  it('spaces a Latin value from the Chinese beside it, and only there', () => {
    // "{registry} 的{what}{where}": the thing that ends may be named in Chinese or in Latin script.
    expect(translate('zh-CN', 'radar.timeline.expiry', { registry: 'gcr.io', what: 'Google 服务账户 JSON 密钥', where: '' })).toBe('gcr.io 的 Google 服务账户 JSON 密钥');
    expect(translate('zh-CN', 'radar.timeline.expiry', { registry: 'gcr.io', what: '令牌（JWT）', where: '' })).toBe('gcr.io 的令牌（JWT）');
    // English templates hold no Chinese, so nothing changes there.
    expect(translate('en', 'radar.timeline.expiry', { registry: 'gcr.io', what: 'Token', where: '' })).toBe(`${enMessages['radar.timeline.expiry'].replace('{registry}', 'gcr.io').replace('{what}', 'Token').replace('{where}', '')}`);
  });
});
