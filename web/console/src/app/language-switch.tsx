// 中文 / English: the console's words, Ant Design's locale and the API's Accept-Language switch together.
import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from './i18n.js';

export function LanguageSwitch(props: { dark?: boolean }): ReactNode {
  const { t, lang, setLang } = useI18n();
  return (
    <Button type="text" icon={<TranslationOutlined />} className={props.dark === true ? 'zt-on-dark' : ''} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="language-switch">
      {t('language')}
    </Button>
  );
}
