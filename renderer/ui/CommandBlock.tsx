import { Fragment } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { CopyButton } from './CopyButton';
import { hostPieces } from './HostText';

interface CommandBlockProps {
  command: string;
  /** What the command is for, naming its copy button; "command" when not given. */
  what?: string;
  testId?: string;
}

/** A command to run in a terminal: shown whole in a monospace block, with a copy button. */
export function CommandBlock({ command, what, testId }: CommandBlockProps) {
  const { t } = useTranslation();
  return (
    <div className="command-block" data-testid={testId}>
      <pre>
        <code>
          {/* A body that ends in a newline (YAML does) would show an empty last line; the copy keeps it. */}
          {command.replace(/\n+$/, '').split('\n').map((line, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 && '\n'}
              {line.split(' ').map((word, wordIndex) => (
                <Fragment key={wordIndex}>
                  {wordIndex > 0 && ' '}
                  <span className="command-word">
                    {hostPieces(word).map((piece, pieceIndex) => (
                      <span key={pieceIndex} className="command-piece">
                        {piece}
                      </span>
                    ))}
                  </span>
                </Fragment>
              ))}
            </Fragment>
          ))}
        </code>
      </pre>
      <CopyButton text={command} what={what ?? t('kit.command')} />
    </div>
  );
}
