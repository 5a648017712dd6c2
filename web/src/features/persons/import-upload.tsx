// Drop or pick a .csv/.xlsx sheet; the upload answers with the id of the import job. Residents by
// default; other imports (lab results…) pass their own upload call and hint.
import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Upload } from 'antd';
import type { Id } from '../../api/types.ts';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { uploadPersons } from './persons-api.ts';

interface Props {
  onStarted: (jobId: Id) => void;
  /** Sends the file and answers with the job id; the residents import by default. */
  upload?: (file: File) => Promise<{ jobId: Id }>;
  hint?: string;
}

export function ImportUpload({ onStarted, upload: send = uploadPersons, hint }: Props) {
  const { t } = useI18n();
  const upload = useMutation({ mutationFn: send, meta: { silent: true } });
  return (
    <div data-testid="import-upload">
      <Upload.Dragger
        accept=".csv,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        customRequest={({ file, onSuccess, onError }) => {
          upload.mutate(file as File, {
            onSuccess: (res) => {
              onSuccess?.(res);
              onStarted(res.jobId);
            },
            onError: (err) => onError?.(err),
          });
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending ? t('import.uploading') : t('import.drop')}</p>
        <p className="ant-upload-hint">{hint ?? t('import.hint')}</p>
      </Upload.Dragger>
      {upload.error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorText(upload.error, t)} />}
    </div>
  );
}
