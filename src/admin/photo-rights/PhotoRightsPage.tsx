import * as React from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Main, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, useFetchClient } from '@strapi/strapi/admin';
import { photoRightsEnglish, photoRightsLabelId } from './photo-rights-labels';

/** The fields an editor corrects (src/editorial/media-library/photo-rights-edit.ts checks them again). */
const FIELDS = ['creator', 'creditLine', 'copyrightNotice', 'licenseUrl'] as const;
type Field = (typeof FIELDS)[number];
type Rights = Record<Field, string>;

interface Photo extends Partial<Record<Field, string | null>> {
  id: number;
  name: string;
  url: string;
  mime: string;
  formats?: { thumbnail?: { url: string } } | null;
}
interface Pagination {
  page: number;
  pageCount: number;
}

/** The types whose files carry the rights (photo-rights.ts: RIGHTS_CARRYING_TYPES). */
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const SAVE = '/newsroom/photo-rights';

const rightsOf = (photo: Photo): Rights =>
  Object.fromEntries(FIELDS.map((field) => [field, photo[field] ?? ''])) as Rights;

/**
 * The media library's photos with their rights, newest first, searchable by name; an editor corrects one in the form
 * above the list, and the server writes the correction into the photo file and every size of it.
 */
export default function PhotoRightsPage() {
  const { formatMessage } = useIntl();
  const t = (key: string, values?: Record<string, number>) =>
    formatMessage({ id: photoRightsLabelId(key), defaultMessage: photoRightsEnglish(key) }, values);
  const { get, put } = useFetchClient();
  const [search, setSearch] = React.useState('');
  const [query, setQuery] = React.useState('');
  const [page, setPage] = React.useState(1);
  const [photos, setPhotos] = React.useState<Photo[]>([]);
  const [pagination, setPagination] = React.useState<Pagination>();
  const [editing, setEditing] = React.useState<{ photo: Photo; rights: Rights }>();
  const [message, setMessage] = React.useState<{ text: string; failed: boolean }>();
  const [reload, setReload] = React.useState(0);

  React.useEffect(() => {
    let current = true;
    get<{ results: Photo[]; pagination: Pagination }>('/upload/files', {
      params: {
        page: String(page),
        pageSize: '20',
        sort: 'createdAt:DESC',
        filters: { mime: { $in: PHOTO_TYPES }, ...(query ? { name: { $containsi: query } } : {}) },
      },
    }).then(
      ({ data }) => {
        if (!current) return;
        setPhotos(data.results);
        setPagination(data.pagination);
      },
      (failure: { message?: string }) =>
        current && setMessage({ text: failure.message ?? String(failure), failed: true }),
    );
    return () => {
      current = false;
    };
  }, [get, page, query, reload]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    try {
      await put(`${SAVE}/${editing.photo.id}`, editing.rights);
      setEditing(undefined);
      setMessage({ text: t('saved'), failed: false });
      setReload((count) => count + 1);
    } catch (failure) {
      const answer = failure as { response?: { data?: { error?: { message?: string } } }; message?: string };
      setMessage({ text: answer.response?.data?.error?.message ?? answer.message ?? String(failure), failed: true });
    }
  };

  return (
    <Main>
      <Layouts.Header title={t('title')} subtitle={t('subtitle')} />
      <Layouts.Content>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setPage(1);
            setQuery(search.trim());
          }}
        >
          <Flex gap={2} alignItems="flex-end" paddingBottom={4}>
            <label>
              <Typography variant="pi" fontWeight="bold">
                {t('search')}
              </Typography>
              <TextInput
                name="search"
                value={search}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
              />
            </label>
            <Button type="submit" variant="secondary">
              {t('apply')}
            </Button>
          </Flex>
        </form>
        {message ? (
          <Box paddingBottom={4} role={message.failed ? 'alert' : 'status'}>
            <Typography textColor={message.failed ? 'danger600' : 'success600'}>{message.text}</Typography>
          </Box>
        ) : null}
        {editing ? (
          <Box background="neutral0" padding={4} marginBottom={4} shadow="filterShadow" hasRadius>
            <form onSubmit={save} aria-label={editing.photo.name}>
              <Typography variant="delta" tag="h2">
                {editing.photo.name}
              </Typography>
              <Flex direction="column" alignItems="stretch" gap={3} paddingTop={3}>
                {FIELDS.map((field) => (
                  <label key={field}>
                    <Typography variant="pi" fontWeight="bold">
                      {t(field)}
                    </Typography>
                    <TextInput
                      name={field}
                      value={editing.rights[field]}
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                        setEditing({ ...editing, rights: { ...editing.rights, [field]: event.target.value } })
                      }
                    />
                    {field === 'creator' ? (
                      <Typography variant="pi" textColor="neutral600">
                        {t('creatorHint')}
                      </Typography>
                    ) : null}
                  </label>
                ))}
                <Flex gap={2}>
                  <Button type="submit">{t('save')}</Button>
                  <Button variant="tertiary" onClick={() => setEditing(undefined)}>
                    {t('cancel')}
                  </Button>
                </Flex>
              </Flex>
            </form>
          </Box>
        ) : null}
        <Table colCount={6} rowCount={photos.length + 1}>
          <Thead>
            <Tr>
              {['photo', ...FIELDS].map((column) => (
                <Th key={column}>
                  <Typography variant="sigma">{t(column)}</Typography>
                </Th>
              ))}
              <Th>
                <Typography variant="sigma">{t('edit')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {photos.map((photo) => (
              <Tr key={photo.id} data-photo-id={photo.id}>
                <Td>
                  <Flex gap={2}>
                    <img
                      src={photo.formats?.thumbnail?.url ?? photo.url}
                      alt=""
                      width={48}
                      height={48}
                      style={{ objectFit: 'cover' }}
                    />
                    <Typography>{photo.name}</Typography>
                  </Flex>
                </Td>
                {FIELDS.map((field) => (
                  <Td key={field} data-field={field}>
                    <Typography>{photo[field] ?? '—'}</Typography>
                  </Td>
                ))}
                <Td>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setMessage(undefined);
                      setEditing({ photo, rights: rightsOf(photo) });
                    }}
                  >
                    {t('edit')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {photos.length === 0 ? <Typography>{t('empty')}</Typography> : null}
        {pagination && pagination.pageCount > 1 ? (
          <Flex gap={2} paddingTop={4} alignItems="center">
            <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('previous')}
            </Button>
            <Typography>{t('page', { page, pageCount: pagination.pageCount })}</Typography>
            <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
              {t('next')}
            </Button>
          </Flex>
        ) : null}
      </Layouts.Content>
    </Main>
  );
}
