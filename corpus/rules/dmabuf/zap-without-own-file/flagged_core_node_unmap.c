/*
 * drm_vma_node_unmap() always zaps at the node's fake offset. The dma-buf mmap gives the vma the
 * object's own file, and offset 0 in it, so the zap of the device's address space reaches
 * neither the file nor the offset of a dma-buf mapping.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_vma_manager.h>

struct core_object {
	void *dev_mapping;
	struct file *filp;
	struct drm_vma_offset_node vma_node;
	struct page **pages;
	unsigned long count;
};

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_object *obj = vmf->vma->vm_private_data;

	if (vmf->pgoff >= obj->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, obj->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_object *obj = buf->priv;

	vma_set_file(vma, obj->filp);
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = obj;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

void core_move(struct core_object *obj)
{
	drm_vma_node_unmap(&obj->vma_node, obj->dev_mapping); /* expect: dmabuf/zap-without-own-file error "drm_vma_node_unmap() zaps ptes at the DRM fake offset" */
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
