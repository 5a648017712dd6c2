// /login: username + password; errors (401, 429…) shown inline in the current language.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useLogin, type Credentials } from '../features/auth/use-auth.ts';
import { errorText } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/i18n.tsx';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const onFinish = (values: Credentials) =>
    login.mutate(values, { onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }) });

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #7b1e1e 0%, #c0392b 55%, #e8a87c 100%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 380, maxWidth: '100%' }} data-testid="login-card">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch size="small" />
          </div>
          <div style={{ textAlign: 'center' }}>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          {login.error && (
            <Alert type="error" showIcon message={errorText(login.error, t)} data-testid="login-error" />
          )}
          <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
