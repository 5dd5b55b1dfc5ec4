import { useT } from '../i18n.js';
import { ContactList } from '../ui/contact-list.js';

export function ContactPage() {
  const t = useT();
  return (
    <section className="zt-card">
      <h1>{t('联系我们', 'Contact us')}</h1>
      <p>
        {t(
          '12389热线在工作时间由工作人员接听；其余时间可录音留言，工作人员将及时收听并登记。',
          'The 12389 hotline is answered by staff during working hours; at other times leave a message, which staff listen to promptly and register.',
        )}
      </p>
      <ContactList />
    </section>
  );
}
