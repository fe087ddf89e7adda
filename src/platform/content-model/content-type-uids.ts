export const PRESS_RELEASE_UID = 'api::press-release.press-release';
export const TOPIC_UID = 'api::topic.topic';
export const ENTITY_UID = 'api::entity.entity';
export const SOURCE_UID = 'api::source.source';
