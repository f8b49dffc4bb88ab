// Campaigns: a program sent to a group, paced (spec/ictcore.md §4.6, §5.9, §7.3).
export * from './campaigns.ts'
export * from './campaign-sending.ts'
export { campaigns, type CampaignStatus } from './campaigns.table.ts'
