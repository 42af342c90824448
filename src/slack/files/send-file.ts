import type { SlackClient } from '../listeners/shared/reply.ts';

export interface OutgoingFile {
  filename: string;
  title: string;
  content: string;
  /** The message the file arrives with. */
  comment: string;
}

/**
 * A file to one person, in their DM with the bot, through Slack's upload
 * flow: files.getUploadURLExternal, the bytes POSTed to the URL it gives,
 * then files.completeUploadExternal shares it (WebClient.filesUploadV2 runs
 * the three; files.upload is retired). completeUploadExternal takes a
 * channel id, not a user id, so the DM is opened first (im:write); the
 * upload itself needs the files:write scope (manifest.yml).
 */
export async function sendFileToPerson(client: SlackClient, userId: string, file: OutgoingFile): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channelId = dm.channel?.id;
  if (!channelId) throw new Error(`conversations.open gave no channel for ${userId}`);
  await client.filesUploadV2({ channel_id: channelId, filename: file.filename, title: file.title, content: file.content, initial_comment: file.comment });
}
