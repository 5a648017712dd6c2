// The columns a residents sheet may have (server/modules/persons/import.ts), with the Chinese headers
// it also understands.
import { Table, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

interface Column {
  name: string;
  alias: string;
  meaning: MessageKey;
  required?: boolean;
  example: string;
}

const COLUMNS: Column[] = [
  { name: 'id_type', alias: '证件类型', meaning: 'persons.idType', example: '身份证' },
  { name: 'id_number', alias: '身份证号', meaning: 'persons.idNumber', required: true, example: '11010519491231002X' },
  { name: 'name', alias: '姓名', meaning: 'persons.name', required: true, example: '张秀兰' },
  { name: 'sex', alias: '性别', meaning: 'persons.sex', example: '女' },
  { name: 'birth_date', alias: '出生日期', meaning: 'persons.birthDate', example: '1949-12-31' },
  { name: 'phone', alias: '手机号', meaning: 'persons.phone', example: '13800138000' },
  { name: 'household_code', alias: '户', meaning: 'import.householdCode', example: '990101001001001010110101' },
  { name: 'tags', alias: '标签', meaning: 'persons.tags', example: '独居老人;慢性病' },
  { name: 'residence_type', alias: '居住类型', meaning: 'persons.residenceType', example: '常住' },
  { name: 'needs', alias: '需求', meaning: 'persons.needs', example: '需送药上门' },
];

export function ImportColumns() {
  const { t } = useI18n();
  return (
    <Table<Column>
      size="small"
      rowKey="name"
      data-testid="import-columns"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={COLUMNS}
      columns={[
        {
          title: t('import.column'),
          dataIndex: 'name',
          render: (v: string, c) => (
            <>
              <Typography.Text code>{v}</Typography.Text>
              {c.required && <Tag color="red">{t('common.required')}</Tag>}
            </>
          ),
        },
        { title: t('import.alias'), dataIndex: 'alias' },
        { title: t('import.meaning'), dataIndex: 'meaning', render: (v: MessageKey) => t(v) },
        { title: t('import.example'), dataIndex: 'example', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
      ]}
    />
  );
}
