// A code input for a keyboard-wedge barcode scanner (or typing): Enter submits the trimmed code,
// the field empties and keeps the focus for the next scan.
import { ScanOutlined } from '@ant-design/icons';
import { Input, type InputRef } from 'antd';
import { forwardRef, useState } from 'react';

interface Props {
  onScan: (code: string) => void;
  placeholder?: string;
  disabled?: boolean;
  autoFocus?: boolean;
  testId?: string;
  size?: 'middle' | 'large';
}

export const ScanInput = forwardRef<InputRef, Props>(function ScanInput({ onScan, placeholder, disabled, autoFocus, testId, size = 'large' }, ref) {
  const [value, setValue] = useState('');
  return (
    <Input
      ref={ref}
      size={size}
      value={value}
      disabled={disabled}
      autoFocus={autoFocus}
      autoComplete="off"
      spellCheck={false}
      prefix={<ScanOutlined />}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(e) => setValue(e.target.value)}
      onPressEnter={() => {
        const code = value.trim();
        setValue('');
        if (code) onScan(code);
      }}
    />
  );
});
