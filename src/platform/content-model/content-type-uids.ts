export const PRESS_RELEASE_UID = 'api::press-release.press-release';
export const TOPIC_UID = 'api::topic.topic';
export const ENTITY_UID = 'api::entity.entity';
export const SOURCE_UID = 'api::source.source';
export const OUTLET_UID = 'api::outlet.outlet';
export const PRESS_ACCREDITATION_UID = 'api::press-accreditation.press-accreditation';
/** Users & Permissions' end-user accounts: journalists. */
export const USER_UID = 'plugin::users-permissions.user';
